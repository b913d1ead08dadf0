package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"gloss/internal/nerdata"
)

// The compromise baseline (the best-known in-browser NER) runs under Node
// from an npm install in a temporary folder outside the repository; it is
// skipped when node or npm is missing.
const compromiseVersion = "14.17.0"

const compromiseJS = `
const nlp = require('compromise');
const rl = require('readline').createInterface({input: process.stdin, terminal: false});
const out = [];
rl.on('line', (line) => {
  const text = JSON.parse(line);
  const doc = nlp(text);
  const spans = [];
  for (const [m, lab] of [[doc.people(), 'PER'], [doc.places(), 'LOC'], [doc.organizations(), 'ORG']]) {
    for (const j of m.json({offset: true})) {
      if (j.offset) spans.push([j.offset.start, j.offset.start + j.offset.length, lab]);
    }
  }
  out.push(JSON.stringify(spans));
});
rl.on('close', () => { process.stdout.write(out.join('\n') + '\n'); });
`

type compromise struct{ dir string }

// setupCompromise installs compromise into a cache folder under the system
// temporary directory (reused across runs) and returns nil when Node or
// npm is not available.
func setupCompromise() (*compromise, error) {
	if _, err := exec.LookPath("node"); err != nil {
		return nil, nil
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return nil, nil
	}
	dir := filepath.Join(os.TempDir(), "gloss-compromise-"+compromiseVersion)
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "compromise", "package.json")); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", dir, "compromise@"+compromiseVersion)
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("npm install compromise: %v: %s", err, out)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "ner.js"), []byte(compromiseJS), 0o644); err != nil {
		return nil, err
	}
	return &compromise{dir: dir}, nil
}

// run tags texts and returns spans as UTF-16 offsets (JavaScript's).
func (c *compromise) run(texts []string) ([][][3]any, error) {
	var in bytes.Buffer
	for _, t := range texts {
		b, _ := json.Marshal(t)
		in.Write(b)
		in.WriteByte('\n')
	}
	cmd := exec.Command("node", filepath.Join(c.dir, "ner.js"))
	cmd.Dir = c.dir
	cmd.Stdin = &in
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("node compromise: %v: %s", err, errb.String())
	}
	var res [][][3]any
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var spans [][3]any
		if err := json.Unmarshal(sc.Bytes(), &spans); err != nil {
			return nil, err
		}
		res = append(res, spans)
	}
	if len(res) != len(texts) {
		return nil, fmt.Errorf("compromise returned %d results for %d texts", len(res), len(texts))
	}
	return res, nil
}

func u16len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// scoreTokenized runs compromise on detokenized sentences (words joined by
// spaces) and maps its spans back to tokens.
func (c *compromise) scoreTokenized(docs []nerdata.Document, labels []string) (*nerdata.Scorer, error) {
	var texts []string
	var sents []nerdata.Sentence
	for _, d := range docs {
		for _, s := range d.Sentences {
			texts = append(texts, strings.Join(s.Words, " "))
			sents = append(sents, s)
		}
	}
	res, err := c.run(texts)
	if err != nil {
		return nil, err
	}
	sc := nerdata.NewScorer(labels...)
	for i, s := range sents {
		starts := make([]int, len(s.Words))
		ends := make([]int, len(s.Words))
		pos := 0
		for k, w := range s.Words {
			starts[k] = pos
			pos += u16len(w)
			ends[k] = pos
			pos++
		}
		var pred []nerdata.Span
		for _, sp := range res[i] {
			a, b, lab := int(sp[0].(float64)), int(sp[1].(float64)), sp[2].(string)
			ta, tb := -1, -1
			for k := range s.Words {
				if ta < 0 && starts[k] >= a {
					ta = k
				}
				if ends[k] <= b {
					tb = k + 1
				}
			}
			for tb > ta && ta >= 0 && (!hasAlnum(s.Words[tb-1]) || s.Words[tb-1] == "'s") {
				tb--
			}
			for ta >= 0 && ta < tb && !hasAlnum(s.Words[ta]) {
				ta++
			}
			if ta >= 0 && tb > ta {
				pred = append(pred, nerdata.Span{Start: ta, End: tb, Label: lab})
			}
		}
		sc.Add(nerdata.Spans(s.Tags), pred)
	}
	return sc, nil
}

// scoreText runs compromise on raw texts with gold code-point spans.
func (c *compromise) scoreText(docs []nerdata.TextDoc, labels []string) (*nerdata.Scorer, error) {
	var texts []string
	for _, d := range docs {
		texts = append(texts, d.Text)
	}
	res, err := c.run(texts)
	if err != nil {
		return nil, err
	}
	sc := nerdata.NewScorer(labels...)
	for i, d := range docs {
		// UTF-16 offset → code-point offset
		cp := make(map[int]int, len(d.Text)+1)
		u, k := 0, 0
		for _, r := range d.Text {
			cp[u] = k
			u += utf16.RuneLen(r)
			k++
		}
		cp[u] = k
		var pred []nerdata.Span
		for _, sp := range res[i] {
			a, aok := cp[int(sp[0].(float64))]
			b, bok := cp[int(sp[1].(float64))]
			if aok && bok && b > a {
				pred = append(pred, trimSpan(d.Text, nerdata.Span{Start: a, End: b, Label: sp[2].(string)}))
			}
		}
		sc.Add(d.Entities, pred)
	}
	return sc, nil
}

// trimSpan drops trailing punctuation and a possessive that compromise
// keeps in its matches ("Obama's,"), so that exact match is fair to it.
func trimSpan(text string, s nerdata.Span) nerdata.Span {
	rs := []rune(text)
	for s.End > s.Start {
		r := rs[s.End-1]
		if r == ',' || r == '.' || r == ';' || r == ':' || r == '"' || r == '\u201d' || r == ')' || r == ' ' {
			s.End--
			continue
		}
		if s.End-s.Start > 2 && (string(rs[s.End-2:s.End]) == "'s" || string(rs[s.End-2:s.End]) == "\u2019s") {
			s.End -= 2
			continue
		}
		break
	}
	return s
}

func hasAlnum(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

package app

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"gloss/internal/annot"
	"gloss/internal/interchange"
	"gloss/internal/workspace"
)

// TestIsWebAnnotation tells imported files apart by their content.
func TestIsWebAnnotation(t *testing.T) {
	ws := &workspace.Workspace{}
	ws.Add("A", "Some text.")
	s, err := ws.ToSet()
	if err != nil {
		t.Fatal(err)
	}
	set, err := annot.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"collection", `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"}`, true},
		{"one annotation, no context", `{"type": "Annotation", "target": {}}`, true},
		{"array", `[{"type": "Annotation"}]`, true},
		{"saved set", string(set), false},
		{"other JSON", `{"hello": 1}`, false},
		{"not JSON", `hello`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isWebAnnotation([]byte(tt.data)); got != tt.want {
				t.Errorf("isWebAnnotation(%s) = %v, want %v", tt.data, got, tt.want)
			}
		})
	}
}

// TestReport checks that comparisons reach the exports in code points:
// the passage after multi-byte text must cover the same words.
func TestReport(t *testing.T) {
	ws := &workspace.Workspace{}
	ws.Add("A", "Café 東京 — the council met today.")
	ws.Add("B", "Die Sitzung: the council met today.")
	a, b := ws.Articles[0], ws.Articles[1]
	ia, ib := strings.Index(a.Text, "the council"), strings.Index(b.Text, "the council")
	n := len("the council met today.")
	ws.SetPair(a.Hash, b.Hash, workspace.PairResult{Score: 0.5, Relation: "shared-passage", Compared: true,
		Passages: []workspace.Passage{{AStart: ia, AEnd: ia + n, BStart: ib, BEnd: ib + n, Kind: "exact"}}})
	rep := reportOf(ws)
	if len(rep.Pairs) != 1 || len(rep.Pairs[0].Passages) != 1 {
		t.Fatalf("report pairs = %+v, want one pair with one passage", rep.Pairs)
	}
	set, err := ws.ToSet()
	if err != nil {
		t.Fatal(err)
	}
	out, err := interchange.PassagesCSV(set, rep)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(out), "the council met today."); got != 2 {
		t.Errorf("passages CSV names the passage %d times, want 2 (both sides):\n%s", got, out)
	}
	var id string
	json.Unmarshal(rep.Pairs[0].A, &id)
	if id != a.ID {
		t.Errorf("pair A = %q, want %q", id, a.ID)
	}
}

// TestStorageMessage words storage failures for people, quota first.
func TestStorageMessage(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"quota", "QuotaExceededError: The quota has been exceeded.", errQuota.Error()},
		{"quota, any case", "JavaScript error: QUOTA reached", errQuota.Error()},
		{"other", "InvalidStateError: gone", "refused it (InvalidStateError: gone)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := storageMessage(tt.in); !strings.Contains(got, tt.want) {
				t.Errorf("storageMessage(%q) = %q, want it to contain %q", tt.in, got, tt.want)
			}
		})
	}
	if errors.Is(errQuota, errNoIDB) {
		t.Error("quota and missing storage are the same error")
	}
}

// TestRetryable keeps a queued share for failures that pass and drops it
// for refusals that would repeat.
func TestRetryable(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"server down", errOffline, true},
		{"proxy while restarting", &apiError{Status: 502}, true},
		{"rate limited", &apiError{Status: 429, Code: annot.ERATELIMIT}, true},
		{"too large", &apiError{Status: 413, Code: annot.ETOOLARGE}, false},
		{"bad request", &apiError{Status: 400}, false},
		{"wrapped offline", errors.Join(errors.New("post"), errOffline), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := retryable(tt.err); got != tt.want {
				t.Errorf("retryable(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

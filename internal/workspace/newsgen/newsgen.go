// Package newsgen invents news articles for benchmarks (cmd/uibench, the
// engine's), so that they need no corpus: several versions of each story,
// the way outlets rewrite a wire report, and stories that share little.
package newsgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Invented news: made-up people, places
// and bodies, topics with their own vocabulary, and sentences composed at
// random. One story is told in several versions that share most sentences
// (some edited) and add their own, the way outlets rewrite a wire report;
// different stories share little.
var (
	firstNames = []string{"Maria", "Tomas", "Priya", "Henrik", "Lucia", "Kenji", "Amara", "Jonas", "Ines", "Rafael", "Sofia", "Dmitri", "Aisha", "Pavel", "Greta", "Omar", "Yara", "Felix", "Nadia", "Marek"}
	lastNames  = []string{"Okafor", "Lindqvist", "Raman", "Dahl", "Ferreira", "Watanabe", "Nwosu", "Berger", "Castell", "Moreau", "Halvorsen", "Kowalski", "Brandt", "Esposito", "Varga", "Novak", "Sandoval", "Quist", "Mbeki", "Aalto"}
	places     = []string{"Valmora", "Rotterdam", "Nairobi", "Oslo", "Valparaíso", "Gdańsk", "Brisbane", "Montreal", "Kestrel Falls", "Dunmore", "Tarsk", "Ellingham", "Porto Serra", "Mirefield", "Cadenza", "Ostrava", "Halden", "Brightwater"}
	bodies     = []string{"the Harbour Authority", "Nordlys Energy", "the European Rail Agency", "Coastal Freight Union", "the Ministry of Transport", "Brightwater Bank", "the City Council", "Meridian Health", "the Water Board", "Atlas Mining", "the Teachers Federation", "Solent Airways"}
	topics     = [][]string{
		{"the port expansion", "dock wages", "container traffic", "the night shift", "crane operators", "the new berth"},
		{"the rail bridge", "track repairs", "the timetable", "signal failures", "replacement buses", "ticket prices"},
		{"the hospital budget", "waiting lists", "nurse staffing", "the emergency ward", "ambulance delays", "the vaccine rollout"},
		{"the school merger", "teacher pay", "exam results", "class sizes", "the reading programme", "the new campus"},
		{"the wind farm", "energy prices", "the grid upgrade", "turbine noise", "solar subsidies", "the power cut"},
		{"the flood defences", "the river level", "emergency shelters", "insurance claims", "the storm damage", "sandbag supplies"},
		{"the airport runway", "flight cancellations", "airline fees", "noise complaints", "the cargo terminal", "pilot rosters"},
		{"the mining licence", "water pollution", "the tailings dam", "export quotas", "mine safety", "the royalty deal"},
	}
	verbs = []string{"criticised", "defended", "announced", "questioned", "delayed", "approved", "rejected", "reviewed", "welcomed", "suspended", "expanded", "funded"}
	times = []string{"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "on March 3", "in January", "this morning", "late on Sunday"}
)

// story writes one version of story seed of about words words; versions
// of one seed overlap, other seeds differ.
func story(seed, version uint64, words int) string {
	r := rand.New(rand.NewPCG(seed, 7))
	pick := func(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }
	cast := []string{
		pick(r, firstNames) + " " + pick(r, lastNames),
		pick(r, firstNames) + " " + pick(r, lastNames),
		pick(r, firstNames) + " " + pick(r, lastNames),
	}
	where := []string{pick(r, places), pick(r, places)}
	org := []string{pick(r, bodies), pick(r, bodies)}
	topic := topics[r.IntN(len(topics))]
	// Each story has its own invented vocabulary, as real stories have
	// their own subject matter; names, places and numbers give the entity
	// recogniser the usual work.
	lexicon := make([]string, 60)
	for i := range lexicon {
		lexicon[i] = word(r)
	}
	phrase := func(r *rand.Rand, n int) string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = pick(r, lexicon)
		}
		return strings.Join(ws, " ")
	}
	sentence := func(r *rand.Rand) string {
		switch r.IntN(5) {
		case 0:
			return fmt.Sprintf("\"%s,\" %s said.", cap(phrase(r, 5+r.IntN(5))), pick(r, cast))
		case 1:
			return fmt.Sprintf("%s %s %d families in %s.", pick(r, org), phrase(r, 5+r.IntN(5)), 2+r.IntN(95), pick(r, where))
		case 2:
			return fmt.Sprintf("%s %s %s %s in %s %s.", pick(r, cast), pick(r, verbs), pick(r, topic), phrase(r, 4+r.IntN(6)), pick(r, where), pick(r, times))
		case 3:
			return fmt.Sprintf("%s %s $%d million %s.", pick(r, org), phrase(r, 3), 2+r.IntN(95), phrase(r, 3+r.IntN(5)))
		default:
			return fmt.Sprintf("%s %d percent %s %s.", cap(phrase(r, 3+r.IntN(4))), 2+r.IntN(60), phrase(r, 2), pick(r, times))
		}
	}
	vr := rand.New(rand.NewPCG(seed, version+11))
	var b strings.Builder
	head := strings.TrimPrefix(topic[0], "the ")
	fmt.Fprintf(&b, "%s in %s: %s %s\n\n", strings.ToUpper(head[:1])+head[1:], where[0], org[0], pick(vr, verbs))
	n := 0
	for para := 1; n < words; para++ {
		s := sentence(r) // the shared sentence, drawn whatever the version
		switch vr.IntN(6) {
		case 0: // this version's own sentence instead
			s = sentence(vr)
		case 1: // an edit
			s = strings.Replace(s, " in ", " in central ", 1)
		}
		b.WriteString(s)
		n += len(strings.Fields(s))
		if para%4 == 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return strings.TrimSpace(b.String())
}

// Stories returns n articles: versions per story, stories in turn.
func Stories(n, versions, words int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = story(uint64(i/versions), uint64(i%versions), words)
	}
	return out
}

func cap(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// word makes one pronounceable invented word.
func word(r *rand.Rand) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	var b strings.Builder
	for range 2 + r.IntN(2) {
		b.WriteByte(cons[r.IntN(len(cons))])
		b.WriteByte(vows[r.IntN(len(vows))])
	}
	return b.String()
}

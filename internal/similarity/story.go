package similarity

import (
	"sort"
)

// Story candidate defaults: each article is indexed by its KeyTerms
// highest-weighted stems, and two articles sharing MinSharedKeys of them
// are compared. Independent reports of one event share names and rare
// words but few shingles, so shingle LSH alone would not group them.
var (
	KeyTerms      = 10
	MinSharedKeys = 3
	// MaxKeyDocs skips a key stem found in more articles than this: it is
	// a topic word of the whole collection, not of one story.
	MaxKeyDocs = 300
)

// StoryCandidates returns pairs (i<j) of docs that share at least
// MinSharedKeys of their key stems under the IDF of df.
func StoryCandidates(docs []*Doc, df *DF) [][2]int {
	post := map[string][]int32{}
	keys := make([][]string, len(docs))
	for i, d := range docs {
		tf := map[string]int{}
		for _, c := range d.Content {
			tf[d.Terms[c].Stem]++
		}
		type kv struct {
			s string
			w float64
		}
		var all []kv
		for s, n := range tf {
			all = append(all, kv{s, float64(n) * df.Weight(s)})
		}
		sort.Slice(all, func(a, b int) bool {
			if all[a].w != all[b].w {
				return all[a].w > all[b].w
			}
			return all[a].s < all[b].s
		})
		for k := 0; k < len(all) && k < KeyTerms; k++ {
			keys[i] = append(keys[i], all[k].s)
			post[all[k].s] = append(post[all[k].s], int32(i))
		}
	}
	var out [][2]int
	count := make([]int, len(docs))
	var touched []int32
	for i := range docs {
		touched = touched[:0]
		for _, s := range keys[i] {
			p := post[s]
			if len(p) > MaxKeyDocs {
				continue
			}
			for _, j := range p {
				if int(j) <= i {
					continue
				}
				if count[j] == 0 {
					touched = append(touched, j)
				}
				count[j]++
			}
		}
		sort.Slice(touched, func(a, b int) bool { return touched[a] < touched[b] })
		for _, j := range touched {
			if count[j] >= MinSharedKeys {
				out = append(out, [2]int{i, int(j)})
			}
			count[j] = 0
		}
	}
	return out
}

package entity

// Cluster returns the word-embedding clusters of a lower-case word as the
// embedded model holds them (fine of 1,000, mid of 150, coarse of 30;
// see clusters.NOTICE), so other engines can use word similarity without
// shipping a second table. ok is false for a word outside the 60,000
// clustered ones, or when the model cannot be loaded.
func Cluster(word string) (fine, mid, coarse int, ok bool) {
	m, err := model()
	if err != nil {
		return 0, 0, 0, false
	}
	c, ok := m.Res.Clusters[word]
	if !ok {
		return 0, 0, 0, false
	}
	return int(c[0]), int(c[1]), int(c[2]), true
}

package lsh_test

import (
	"fmt"

	"gloss/internal/similarity"
	"gloss/internal/similarity/lsh"
	"gloss/internal/stem"
)

func ExampleNearDuplicates() {
	texts := []string{
		"The central bank raised its main interest rate by a quarter point on Tuesday, citing stubborn inflation in services and rising wages.",
		"The central bank raised its main interest rate by a quarter point on Tuesday, citing stubborn inflation in services and rising wages. Subscribe now.",
		"Heavy rain flooded dozens of homes in the river valley overnight and forced the closure of two bridges, emergency services said.",
	}
	sh := similarity.NewShingler(stem.English)
	sets := make([][]uint64, len(texts))
	for i, t := range texts {
		sets[i] = lsh.SortedSet(sh.Shingles(t))
	}
	for _, p := range lsh.NearDuplicates(sets, 0.5, lsh.DefaultParams) {
		fmt.Printf("%d~%d jaccard %.2f\n", p.I, p.J, p.Jaccard)
	}
	// Output:
	// 0~1 jaccard 0.93
}

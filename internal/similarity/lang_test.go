package similarity

import (
	"testing"

	"gloss/internal/stem"
)

// Other languages go through their own stemmer: inflected variants still
// align, and a French republication is a near-duplicate.
func TestOtherLanguages(t *testing.T) {
	tests := []struct {
		name, a, b string
		lang       stem.Lang
		want       Relation
	}{
		{
			"french republication",
			"Les autorités portuaires de Port Calder ont fermé mardi le principal terminal à conteneurs de la ville après un incendie à bord d'un navire transportant des batteries au lithium, ont indiqué les responsables. L'équipage de vingt-deux marins a été évacué sans blessés.",
			"Les autorités portuaires de Port Calder ont fermé mardi le principal terminal à conteneurs de la ville après un incendie à bord d'un navire transportant des batteries au lithium, ont indiqué les responsables. L'équipage de vingt-deux marins a été évacué sans blessés. Abonnez-vous à notre lettre.",
			stem.French, NearDuplicate,
		},
		{
			"spanish edited copy",
			"Las autoridades portuarias de Port Calder cerraron el martes la principal terminal de contenedores de la ciudad tras un incendio a bordo de un buque que transportaba baterías de litio, informaron los responsables. La tripulación fue evacuada sin heridos y los bomberos enfriaron el casco con agua de mar durante toda la mañana.",
			"Las autoridades portuarias de Port Calder cerraron la principal terminal de contenedores de la ciudad tras un incendio a bordo de un buque que transportaba baterías de litio. Los exportadores locales temen pérdidas importantes si el cierre se prolonga durante la temporada navideña, dijo un empresario.",
			stem.Spanish, SameSourceEdited,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := Analyze(tc.a), Analyze(tc.b)
			if a.Lang != tc.lang || b.Lang != tc.lang {
				t.Fatalf("languages %q, %q, want %q", a.Lang, b.Lang, tc.lang)
			}
			r := NewSetDocs([]*Doc{a, b}).Pair(0, 1)
			if r.Relation != tc.want {
				t.Errorf("relation %s, want %s (scores %+v)", r.Relation, tc.want, r.Scores)
			}
		})
	}
}

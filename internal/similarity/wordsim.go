package similarity

import "gloss/internal/similarity/wordvec"

// WordSim gives English content stems unit vectors whose dot product
// grades how close they are in meaning, for soft matching of sentences
// ("bought"/"purchased"), which exact stems and near spellings miss.
type WordSim interface {
	// Vector returns the unit vector of a stem, or nil when unknown.
	Vector(stem string) []float32
}

// Words is the word similarity the sentence features use (English only):
// the embedded wordvec table, parsed on first use. Nil disables the
// word-vector features (they are then zero); evaluation swaps in other
// tables to measure what the compact one loses.
var Words WordSim = embedded{}

// embedded defers parsing the table until a sentence is prepared; if it
// cannot be parsed every stem is unknown.
type embedded struct{}

func (embedded) Vector(stem string) []float32 {
	t, err := wordvec.English()
	if err != nil {
		return nil
	}
	id, ok := t.ID(stem)
	if !ok {
		return nil
	}
	return t.Vector(id)
}

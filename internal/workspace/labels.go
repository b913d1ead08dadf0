package workspace

// Label describes one entity type the page can show and assign.
type Label struct {
	ID   string // the engine's label, also the data-entity value
	Name string // what people read
	Key  string // the number key that assigns it to a selection
}

// Labels are the entity types in legend and keyboard order.
var Labels = []Label{
	{"PER", "Person", "1"},
	{"ORG", "Organisation", "2"},
	{"LOC", "Place", "3"},
	{"MISC", "Other name", "4"},
	{"DATE", "Date", "5"},
	{"MONEY", "Money", "6"},
	{"PERCENT", "Percent", "7"},
	{"CARDINAL", "Number", "8"},
}

// NoEntity is the label of a correction that says "this is not an entity":
// it hides the automatic mentions it overlaps.
const NoEntity = "NONE"

// LabelByKey returns the label a number key assigns.
func LabelByKey(key string) (Label, bool) {
	for _, l := range Labels {
		if l.Key == key {
			return l, true
		}
	}
	return Label{}, false
}

// LabelName returns the human name of a label id, or the id itself.
func LabelName(id string) string {
	for _, l := range Labels {
		if l.ID == id {
			return l.Name
		}
	}
	if id == NoEntity {
		return "Not an entity"
	}
	return id
}

func validLabel(id string) bool {
	if id == NoEntity {
		return true
	}
	for _, l := range Labels {
		if l.ID == id {
			return true
		}
	}
	return false
}

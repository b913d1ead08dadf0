package annot_test

import (
	"fmt"

	"gloss/internal/annot"
)

func ExampleDecode() {
	_, err := annot.Decode([]byte(`{"format":"gloss.set","version":1,"articles":[
		{"id":"a","title":"t","text":"Zoë","hash":"` + annot.ContentHash("Zoë") + `",
		 "entities":[{"start":0,"end":"3","kind":"PER"}]}]}`))
	fmt.Println(annot.ErrorCode(err), annot.ErrorField(err))
	fmt.Println(annot.ErrorMessage(err))
	// Output:
	// invalid articles[0].entities[0].end
	// must be an integer, not a string
}

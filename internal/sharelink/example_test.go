package sharelink_test

import (
	"errors"
	"fmt"

	"gloss/internal/annot"
	"gloss/internal/sharelink"
)

func Example() {
	text := "Ada met Charles."
	set := &annot.Set{Format: annot.Format, Version: annot.Version, Articles: []annot.Article{
		{ID: "a1", Title: "Note", Text: text, Hash: annot.ContentHash(text)},
	}}

	// Encrypted link: upload blob, put the key in the fragment.
	key, blob, err := sharelink.SealSet(set)
	if err != nil {
		fmt.Println(err)
		return
	}
	opened, err := sharelink.OpenSet(key, blob)
	fmt.Println(opened.Articles[0].Text, err)

	other, _ := sharelink.NewKey()
	_, err = sharelink.OpenSet(other, blob)
	fmt.Println(errors.Is(err, sharelink.ErrCannotDecrypt))

	// Serverless link: the whole set in the fragment.
	frag, err := sharelink.EncodeFragment(set)
	if err != nil {
		fmt.Println(err)
		return
	}
	back, err := sharelink.DecodeFragment(frag)
	fmt.Println(back.Articles[0].Title, err)
	// Output:
	// Ada met Charles. <nil>
	// true
	// Note <nil>
}

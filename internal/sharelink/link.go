package sharelink

import (
	"fmt"
	"strings"

	"gloss/internal/annot"
)

// LinkKind tells the three kinds of share link apart.
type LinkKind int

const (
	// NoLink is a page address that is not a share link.
	NoLink LinkKind = iota
	// Encrypted is /s/<id>#<key>: fetch the sealed blob, open it with Key.
	Encrypted
	// Public is /s/<id>: fetch the set as JSON.
	Public
	// Serverless is /#set=…: the set is in Fragment itself.
	Serverless
)

// Link is a parsed share link.
type Link struct {
	Kind     LinkKind
	ID       string // Encrypted and Public
	Key      string // Encrypted
	Fragment string // Serverless, as given to DecodeFragment
}

// SharePrefix is the path of stored-set links; the API's "path" field
// starts with it.
const SharePrefix = "/s/"

// EncryptedPath is the path and fragment of an encrypted link.
func EncryptedPath(id, key string) string { return SharePrefix + id + "#" + key }

// PublicPath is the path of a public link.
func PublicPath(id string) string { return SharePrefix + id }

// ServerlessPath is the path and fragment of a serverless link.
func ServerlessPath(fragment string) string { return "/#" + fragment }

// ParseLink reads a page's path and fragment (location.pathname and
// location.hash, with or without '#'). Addresses that are no share link
// give Kind NoLink and no error; share links that are damaged give
// ErrCorrupt or ErrBadKey, so the page can say why it cannot open them.
func ParseLink(path, fragment string) (Link, error) {
	fragment = strings.TrimPrefix(fragment, "#")
	if id, ok := strings.CutPrefix(path, SharePrefix); ok {
		id = strings.TrimSuffix(id, "/")
		if !annot.ValidID(id) {
			return Link{}, fmt.Errorf("%w: the set id %q is malformed", ErrCorrupt, clip(id))
		}
		if fragment == "" {
			return Link{Kind: Public, ID: id}, nil
		}
		if _, err := parseKey(fragment); err != nil {
			return Link{}, err
		}
		return Link{Kind: Encrypted, ID: id, Key: fragment}, nil
	}
	if (path == "/" || path == "") && strings.HasPrefix(fragment, FragmentPrefix) {
		return Link{Kind: Serverless, Fragment: fragment}, nil
	}
	return Link{}, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

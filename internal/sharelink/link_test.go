package sharelink_test

import (
	"errors"
	"strings"
	"testing"

	"gloss/internal/sharelink"
)

func TestParseLink(t *testing.T) {
	const id = "KxmeNIlnF4QGw16nLMTkjQ"
	key, err := sharelink.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, path, frag string
		want             sharelink.Link
		wantErr          error
	}{
		{"encrypted", "/s/" + id, "#" + key, sharelink.Link{Kind: sharelink.Encrypted, ID: id, Key: key}, nil},
		{"encrypted no hash sign", "/s/" + id, key, sharelink.Link{Kind: sharelink.Encrypted, ID: id, Key: key}, nil},
		{"public", "/s/" + id, "", sharelink.Link{Kind: sharelink.Public, ID: id}, nil},
		{"public trailing slash", "/s/" + id + "/", "#", sharelink.Link{Kind: sharelink.Public, ID: id}, nil},
		{"serverless", "/", "#set=1.abc", sharelink.Link{Kind: sharelink.Serverless, Fragment: "set=1.abc"}, nil},
		{"home page", "/", "", sharelink.Link{}, nil},
		{"other page", "/about", "#set=1.abc", sharelink.Link{}, nil},
		{"other fragment", "/", "#top", sharelink.Link{}, nil},
		{"bad id", "/s/nope", "", sharelink.Link{}, sharelink.ErrCorrupt},
		{"cut key", "/s/" + id, "#" + key[:30], sharelink.Link{}, sharelink.ErrBadKey},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sharelink.ParseLink(tt.path, tt.frag)
			if !errors.Is(err, tt.wantErr) || got != tt.want {
				t.Errorf("ParseLink(%q, %q) = %+v, %v; want %+v, %v", tt.path, tt.frag, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestLinkPathsRoundTrip(t *testing.T) {
	const id = "AAAAAAAAAAAAAAAAAAAAAA"
	key, err := sharelink.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		url  string
		want sharelink.Link
	}{
		{"encrypted", sharelink.EncryptedPath(id, key), sharelink.Link{Kind: sharelink.Encrypted, ID: id, Key: key}},
		{"public", sharelink.PublicPath(id), sharelink.Link{Kind: sharelink.Public, ID: id}},
		{"serverless", sharelink.ServerlessPath("set=1.xyz"), sharelink.Link{Kind: sharelink.Serverless, Fragment: "set=1.xyz"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path, frag, _ := strings.Cut(tt.url, "#")
			got, err := sharelink.ParseLink(path, frag)
			if err != nil || got != tt.want {
				t.Errorf("ParseLink(%q) = %+v, %v; want %+v", tt.url, got, err, tt.want)
			}
		})
	}
}

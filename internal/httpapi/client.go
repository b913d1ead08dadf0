package httpapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"gloss/internal/annot"
	"gloss/internal/sharelink"
)

// Client calls the sets API. Errors the server reports come back as
// *annot.Error, so callers switch on annot.ErrorCode.
type Client struct {
	base string
	http *http.Client
}

// NewClient returns a client for the server at base, an absolute origin
// such as "http://127.0.0.1:8080"; in the browser, the page's origin
// (location.origin), since Go's fetch transport needs absolute URLs. hc nil
// means http.DefaultClient.
func NewClient(base string, hc *http.Client) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{base: strings.TrimRight(base, "/"), http: hc}
}

// CreateEncrypted uploads a sealed blob (see sharelink.SealSet).
func (c *Client) CreateEncrypted(ctx context.Context, blob []byte) (*Created, error) {
	return c.create(ctx, "application/octet-stream", blob)
}

// CreatePublic uploads a set as plain, readable JSON.
func (c *Client) CreatePublic(ctx context.Context, s *annot.Set) (*Created, error) {
	js, err := annot.Encode(s)
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(CreateRequest{Kind: annot.KindPublic, Set: js})
	if err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	return c.create(ctx, "application/json", body)
}

func (c *Client) create(ctx context.Context, contentType string, body []byte) (*Created, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/api/sets", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	var out Created
	if err := c.do(req, http.StatusCreated, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Fetched is a set as the server returned it: Data for an encrypted set
// (still sealed), Set for a public one.
type Fetched struct {
	SetBody
	Sealed []byte
	Public *annot.Set
}

// Get fetches a set. A public set is decoded and validated again, since a
// client should not trust a server any more than the reverse.
func (c *Client) Get(ctx context.Context, id string) (*Fetched, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/api/sets/"+id, nil)
	if err != nil {
		return nil, err
	}
	var f Fetched
	if err := c.do(req, http.StatusOK, &f.SetBody); err != nil {
		return nil, err
	}
	switch f.Kind {
	case annot.KindPublic:
		if f.Public, err = annot.Decode(f.Set); err != nil {
			return nil, err
		}
	case annot.KindEncrypted:
		if f.Sealed, err = base64.RawURLEncoding.DecodeString(f.Data); err != nil {
			return nil, fmt.Errorf("sealed data: %w", err)
		}
	default:
		return nil, fmt.Errorf("unknown set kind %q", f.Kind)
	}
	return &f, nil
}

// Delete removes a set with the token returned at creation.
func (c *Client) Delete(ctx context.Context, id, token string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, c.base+"/api/sets/"+id, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return c.do(req, http.StatusNoContent, nil)
}

func (c *Client) do(req *http.Request, want int, out any) error {
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("%s %s: read answer: %w", req.Method, req.URL.Path, err)
	}
	if resp.StatusCode != want {
		var e ErrorBody
		if json.Unmarshal(b, &e) == nil && e.Code != "" {
			return &annot.Error{Code: e.Code, Field: e.Field, Message: e.Error}
		}
		return fmt.Errorf("%s %s: unexpected status %s", req.Method, req.URL.Path, resp.Status)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("%s %s: decode answer: %w", req.Method, req.URL.Path, err)
	}
	return nil
}

// Shared is a saved set's link: Link is the path (and for an encrypted set
// the fragment with the key) to append to the page's origin.
type Shared struct {
	Link string
	*Created
}

// ShareEncrypted seals s under a fresh key, uploads the ciphertext and
// returns the /s/<id>#<key> link. The key never leaves this process.
func (c *Client) ShareEncrypted(ctx context.Context, s *annot.Set) (*Shared, error) {
	key, blob, err := sharelink.SealSet(s)
	if err != nil {
		return nil, err
	}
	cr, err := c.CreateEncrypted(ctx, blob)
	if err != nil {
		return nil, err
	}
	return &Shared{Link: sharelink.EncryptedPath(cr.ID, key), Created: cr}, nil
}

// SharePublic uploads s as readable JSON and returns the /s/<id> link.
func (c *Client) SharePublic(ctx context.Context, s *annot.Set) (*Shared, error) {
	cr, err := c.CreatePublic(ctx, s)
	if err != nil {
		return nil, err
	}
	return &Shared{Link: sharelink.PublicPath(cr.ID), Created: cr}, nil
}

// Open restores the set behind a page address of any link kind. It returns
// (nil, nil) for an address that is no share link. Errors to tell the user
// apart: annot.EGONE ("removed"), annot.ENOTFOUND, sharelink.ErrCannotDecrypt
// (wrong or altered key), sharelink.ErrBadKey and sharelink.ErrCorrupt
// (damaged link).
func (c *Client) Open(ctx context.Context, path, fragment string) (*annot.Set, error) {
	l, err := sharelink.ParseLink(path, fragment)
	if err != nil {
		return nil, err
	}
	switch l.Kind {
	case sharelink.Serverless:
		return sharelink.DecodeFragment(l.Fragment)
	case sharelink.Encrypted, sharelink.Public:
		f, err := c.Get(ctx, l.ID)
		if err != nil {
			return nil, err
		}
		if l.Kind == sharelink.Public || f.Kind == annot.KindPublic {
			if f.Public == nil {
				return nil, fmt.Errorf("%w: the set is encrypted but the link has no key", sharelink.ErrBadKey)
			}
			return f.Public, nil
		}
		return sharelink.OpenSet(l.Key, f.Sealed)
	default:
		return nil, nil
	}
}

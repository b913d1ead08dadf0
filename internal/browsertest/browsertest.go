// Package browsertest runs Gloss the way a person does: the real server
// binary as a process, and Debian's headless Chromium driven over the
// DevTools protocol. The end-to-end tests and the web benchmark share it.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromePath finds Chromium: $CHROME_PATH, else the usual names on PATH.
func ChromePath() (string, error) {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("Chromium not found: install it (apt-get install chromium) or set CHROME_PATH")
}

// NewBrowser starts a headless Chromium with a fresh profile in
// userDataDir and returns a tab context. The flags keep it from reaching
// outside hosts, which this network refuses.
func NewBrowser(parent context.Context, userDataDir string) (context.Context, context.CancelFunc, error) {
	path, err := ChromePath()
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(userDataDir),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, acancel := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// Start the browser now so that a launch failure is reported here.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		acancel()
		return nil, nil, fmt.Errorf("start Chromium %s: %w", path, err)
	}
	return ctx, func() { cancel(); acancel() }, nil
}

// FreePort returns a loopback port that was free a moment ago.
func FreePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// Server is a running gloss server process.
type Server struct {
	URL  string
	Port int
	Log  *os.File // the server's output

	cmd     *exec.Cmd
	exited  chan struct{}
	waitErr error
}

// StartServer runs bin serving webDir on 127.0.0.1:port (0 picks one) with
// its data under dataDir, and waits until /healthz answers.
func StartServer(bin, webDir, dataDir string, port int, extra ...string) (*Server, error) {
	if port == 0 {
		p, err := FreePort()
		if err != nil {
			return nil, err
		}
		port = p
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, err
	}
	logf, err := os.Create(filepath.Join(dataDir, "server-"+strconv.Itoa(port)+"-"+strconv.FormatInt(time.Now().UnixNano(), 36)+".log"))
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	args := append([]string{"-addr", addr, "-web", webDir, "-data", dataDir}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	s := &Server{URL: "http://" + addr, Port: port, cmd: cmd, exited: make(chan struct{}), Log: logf}
	go func() {
		s.waitErr = cmd.Wait()
		logf.Close()
		close(s.exited)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(s.URL + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		select {
		case <-s.exited:
			out, _ := os.ReadFile(logf.Name())
			return nil, fmt.Errorf("server exited before it was ready (%v):\n%s", s.waitErr, out)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Kill()
			return nil, errors.New("server not ready after 20s")
		}
	}
}

// Stop asks the server to shut down (SIGTERM) and waits for it.
func (s *Server) Stop() error {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-s.exited:
		return s.waitErr
	case <-time.After(20 * time.Second):
		s.Kill()
		return errors.New("server did not stop within 20s of SIGTERM")
	}
}

// Kill ends the server at once, as a crash or an outage would.
func (s *Server) Kill() {
	s.cmd.Process.Kill()
	<-s.exited
}

// WaitJS evaluates expr (an expression that may await) every 100 ms until
// it yields true or timeout passes.
func WaitJS(ctx context.Context, expr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var last error
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("(async () => { return !!("+expr+"); })()", chromedp.EvalAwaitPromise))
		if err == nil && ok {
			return nil
		}
		last = err
		if time.Now().After(deadline) {
			if last != nil {
				return fmt.Errorf("waiting for %s: %w", expr, last)
			}
			return fmt.Errorf("waiting for %s: still false after %v", expr, timeout)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Scripts the tests and benchmarks wait on.
const (
	// AppReady is true once the wasm app has mounted over the prerendered page.
	AppReady = `document.querySelector('[data-app-state="ready"]') !== null`
	// OfflineReady is true once a service worker controls the page and its
	// cache holds app.wasm (go-app fills the cache after install).
	OfflineReady = `navigator.serviceWorker.controller !== null &&
		await (async () => {
			for (const k of await caches.keys()) {
				if (await (await caches.open(k)).match('/web/app.wasm')) return true;
			}
			return false;
		})()`
)

// WriteStatic runs `bin -static dir` to write the static site.
func WriteStatic(bin, webDir, dir string) error {
	out, err := exec.Command(bin, "-static", dir, "-web", webDir).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s -static: %v\n%s", bin, err, out)
	}
	return nil
}

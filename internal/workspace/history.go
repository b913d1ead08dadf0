package workspace

import "slices"

// snapshot is the article list before a change. Articles are copied on
// write (see mutable), so keeping the old pointers keeps the old state.
type snapshot struct {
	articles []*Article
}

// save records the state before a change and clears redo.
func (w *Workspace) save() {
	w.undo = append(w.undo, snapshot{slices.Clone(w.Articles)})
	if len(w.undo) > MaxUndo {
		w.undo = slices.Delete(w.undo, 0, len(w.undo)-MaxUndo)
	}
	w.redo = w.redo[:0]
}

// mutable replaces article id by a copy that may be changed in place; the
// copy's slices are its own.
func (w *Workspace) mutable(id string) *Article {
	i := w.Pos(id)
	if i < 0 {
		return nil
	}
	c := *w.Articles[i]
	c.Manual = slices.Clone(c.Manual)
	c.Orphans = slices.Clone(c.Orphans)
	w.Articles[i] = &c
	return &c
}

// CanUndo reports whether there is a change to undo.
func (w *Workspace) CanUndo() bool { return len(w.undo) > 0 }

// CanRedo reports whether there is an undone change to redo.
func (w *Workspace) CanRedo() bool { return len(w.redo) > 0 }

// Undo reverts the last change; it reports false when there is none.
func (w *Workspace) Undo() bool {
	if len(w.undo) == 0 {
		return false
	}
	last := w.undo[len(w.undo)-1]
	w.undo = w.undo[:len(w.undo)-1]
	w.redo = append(w.redo, snapshot{slices.Clone(w.Articles)})
	w.Articles = last.articles
	w.rev++
	return true
}

// Redo applies the last undone change again.
func (w *Workspace) Redo() bool {
	if len(w.redo) == 0 {
		return false
	}
	next := w.redo[len(w.redo)-1]
	w.redo = w.redo[:len(w.redo)-1]
	w.undo = append(w.undo, snapshot{slices.Clone(w.Articles)})
	w.Articles = next.articles
	w.rev++
	return true
}

package detect

// truncate returns the observation cut to its bounds, the max tags of the
// observation's types (package contract reads them; its tests hold
// truncate to every one of them). Slices are re-sliced and strings cut, so
// obs itself is not modified; nothing is copied when the observation is
// within bounds. Refs are not bounded here: they are opaque.
func truncate(obs *Observation) *Observation {
	o := *obs
	o.URL = Cut(o.URL, MaxURLBytes)
	o.TopURL = Cut(o.TopURL, MaxURLBytes)
	if o.ListVersion < 0 || o.ListVersion > MaxListVersion {
		o.ListVersion = 0 // unknown: selector matches are ignored
	}
	o.Scripts = cutItems(capSlice(o.Scripts, MaxScripts), obs.Scripts, func(s *string) bool { return cutTo(s, MaxURLBytes) })
	o.Inline = cutItems(capSlice(o.Inline, MaxInline), obs.Inline, func(s *string) bool { return cutTo(s, MaxInlineBytes) })
	o.Frames = cutItems(capSlice(o.Frames, MaxFrames), obs.Frames, func(f *Frame) bool { return cutTo(&f.Src, MaxURLBytes) })
	o.Links = capSlice(o.Links, MaxLinks)
	if linksOver(o.Links) { // the large list: a plain scan first
		o.Links = cutItems(o.Links, obs.Links, func(l *Link) bool {
			return cutAll(cutTo(&l.Href, MaxURLBytes), cutTo(&l.Text, MaxTextBytes), cutTo(&l.Label, MaxTextBytes))
		})
	}
	o.Forms = cutItems(capSlice(o.Forms, MaxForms), obs.Forms, func(f *Form) bool {
		return cutAll(cutTo(&f.Action, MaxURLBytes), cutTo(&f.Text, MaxTextBytes), cutTo(&f.Label, MaxTextBytes))
	})
	o.Elements = cutItems(capSlice(o.Elements, MaxElements), obs.Elements, func(el *Element) bool {
		changed := cutAll(cutTo(&el.Tag, MaxTagBytes), cutTo(&el.Text, MaxTextBytes), cutTo(&el.Label, MaxTextBytes), cutAttrs(&el.Attrs))
		if len(el.Matches) > MaxMatches {
			el.Matches, changed = el.Matches[:MaxMatches:MaxMatches], true
		}
		return changed
	})
	o.Controls = cutItems(capSlice(o.Controls, MaxControls), obs.Controls, func(c *Control) bool {
		return cutAll(cutTo(&c.Tag, MaxTagBytes), cutTo(&c.Href, MaxURLBytes), cutTo(&c.Text, MaxTextBytes), cutTo(&c.Label, MaxTextBytes),
			cutTo(&c.Attrs, MaxControlAttrBytes), cutTo(&c.Handler, MaxControlHandler), cutTo(&c.Context, MaxTextBytes))
	})
	o.Requests = cutItems(capSlice(o.Requests, MaxRequests), obs.Requests, func(r *Request) bool {
		return cutAll(cutTo(&r.URL, MaxURLBytes), cutTo(&r.Type, MaxRequestType))
	})
	return &o
}

// linksOver tells whether a link exceeds a bound, without a call per link.
func linksOver(ls []Link) bool {
	for i := range ls {
		if l := &ls[i]; len(l.Href) > MaxURLBytes || len(l.Text) > MaxTextBytes || len(l.Label) > MaxTextBytes {
			return true
		}
	}
	return false
}

// cutTo cuts *s to n bytes and tells whether it had to.
func cutTo(s *string, n int) bool {
	if len(*s) <= n {
		return false
	}
	*s = Cut(*s, n)
	return true
}

// cutAll tells whether any of the cuts, all made, changed something.
func cutAll(changed ...bool) bool {
	for _, c := range changed {
		if c {
			return true
		}
	}
	return false
}

// cutAttrs replaces an element's attributes by a bounded copy when they
// exceed MaxAttrs, MaxAttrNameBytes or MaxAttrBytes: the first MaxAttrs by
// name, names and values cut (a name that its cut makes equal to an
// earlier one keeps the later value, as a map would). The caller's pairs
// are never written.
func cutAttrs(a *Attrs) bool {
	over := len(*a) > MaxAttrs
	for _, p := range *a {
		over = over || len(p.Name) > MaxAttrNameBytes || len(p.Value) > MaxAttrBytes
	}
	if !over {
		return false
	}
	sorted := append(Attrs(nil), *a...)
	sorted.sortByName()
	out := make(Attrs, 0, MaxAttrs)
	for _, p := range sorted {
		if len(out) == MaxAttrs {
			break
		}
		name, value := Cut(p.Name, MaxAttrNameBytes), Cut(p.Value, MaxAttrBytes)
		if i := out.index(name); i >= 0 {
			out[i].Value = value
		} else {
			out = append(out, Attr{name, value})
		}
	}
	*a = out
	return true
}

// cutItems applies cut to a copy of each item and keeps the copy when cut
// changed it, copying the slice the first time, so that the caller's items
// are never written.
func cutItems[T any](cur, orig []T, cut func(*T) bool) []T {
	for i := range cur {
		item := cur[i]
		if cut(&item) {
			cur = copyOnce(cur, orig)
			cur[i] = item
		}
	}
	return cur
}

func capSlice[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n:n]
	}
	return s
}

// copyOnce returns a copy of cur the first time it is called for a slice that
// still shares its backing array with orig, so that cutting strings does not
// write into the caller's observation.
func copyOnce[T any](cur, orig []T) []T {
	if len(cur) > 0 && len(orig) > 0 && &cur[0] == &orig[0] {
		return append(make([]T, 0, len(cur)), cur...)
	}
	return cur
}

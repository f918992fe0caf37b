package detect

// truncate returns the observation cut to the Max* bounds. Slices are
// re-sliced and strings cut, so obs itself is not modified; nothing is
// copied when the observation is within bounds, except the element list
// whose attributes and texts may need cutting.
func truncate(obs *Observation) *Observation {
	o := *obs
	o.URL = Cut(o.URL, MaxURLBytes)
	o.TopURL = Cut(o.TopURL, MaxURLBytes)
	o.Scripts = capSlice(o.Scripts, MaxScripts)
	o.Inline = capSlice(o.Inline, MaxInline)
	for i, s := range o.Inline {
		if len(s) > MaxInlineBytes {
			o.Inline = copyOnce(o.Inline, obs.Inline)
			o.Inline[i] = Cut(s, MaxInlineBytes)
		}
	}
	o.Frames = capSlice(o.Frames, MaxFrames)
	o.Links = capSlice(o.Links, MaxLinks)
	for i := range o.Links {
		if l := &o.Links[i]; len(l.Text) > MaxTextBytes || len(l.Label) > MaxTextBytes {
			o.Links = copyOnce(o.Links, obs.Links)
			o.Links[i].Text = Cut(l.Text, MaxTextBytes)
			o.Links[i].Label = Cut(l.Label, MaxTextBytes)
		}
	}
	o.Forms = capSlice(o.Forms, MaxForms)
	o.Elements = capSlice(o.Elements, MaxElements)
	for i := range o.Elements {
		el := &o.Elements[i]
		if len(el.Text) > MaxTextBytes || len(el.Label) > MaxTextBytes {
			o.Elements = copyOnce(o.Elements, obs.Elements)
			o.Elements[i].Text = Cut(el.Text, MaxTextBytes)
			o.Elements[i].Label = Cut(el.Label, MaxTextBytes)
		}
	}
	o.Controls = capSlice(o.Controls, MaxControls)
	for i := range o.Controls {
		c := &o.Controls[i]
		if len(c.Href) > MaxURLBytes || len(c.Text) > MaxTextBytes || len(c.Label) > MaxTextBytes ||
			len(c.Attrs) > MaxControlAttrBytes || len(c.Handler) > MaxControlHandler || len(c.Context) > MaxTextBytes {
			o.Controls = copyOnce(o.Controls, obs.Controls)
			c = &o.Controls[i]
			c.Href, c.Text, c.Label = Cut(c.Href, MaxURLBytes), Cut(c.Text, MaxTextBytes), Cut(c.Label, MaxTextBytes)
			c.Attrs, c.Handler, c.Context = Cut(c.Attrs, MaxControlAttrBytes), Cut(c.Handler, MaxControlHandler), Cut(c.Context, MaxTextBytes)
		}
	}
	o.Requests = capSlice(o.Requests, MaxRequests)
	return &o
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

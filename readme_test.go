// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// readmeTour returns the first ```go block after the README's
// "## A short tour" heading.
func readmeTour(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n## A short tour\n")
	if i < 0 {
		t.Fatal(`README.md has no "## A short tour" section`)
	}
	s = s[i:]
	i = strings.Index(s, "\n```go\n")
	if i < 0 {
		t.Fatal("the tour has no ```go block")
	}
	s = s[i+len("\n```go\n"):]
	j := strings.Index(s, "\n```")
	if j < 0 {
		t.Fatal("the tour's ```go block is not closed")
	}
	return s[:j]
}

// exampleBody returns the source of the body of the function name in the
// file path, up to (not including) its "// Output:" comment.
func exampleBody(t *testing.T, path, name string) string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var decl *ast.FuncDecl
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == name {
			decl = fn
		}
	}
	if decl == nil {
		t.Fatalf("%s has no function %s", path, name)
	}
	body := string(src[fset.Position(decl.Body.Lbrace).Offset+1 : fset.Position(decl.Body.Rbrace).Offset])
	if k := strings.Index(body, "// Output:"); k >= 0 {
		body = body[:k]
	}
	return body
}

// readmeLines drops each line's indentation and trailing blanks, and the
// leading and trailing blank lines.
func readmeLines(s string) []string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(strings.TrimLeft(l, " \t"), " \t")
	}
	return lines
}

// TestReadmeTour checks that the README's tour is, line for line, the body of
// Example_tour, so that the tour compiles, runs and prints what the example's
// Output block says.
func TestReadmeTour(t *testing.T) {
	readme := readmeLines(readmeTour(t))
	example := readmeLines(exampleBody(t, "example_test.go", "Example_tour"))
	n := max(len(readme), len(example))
	for i := range n {
		var r, e string
		if i < len(readme) {
			r = readme[i]
		}
		if i < len(example) {
			e = example[i]
		}
		if r != e {
			t.Fatalf("README.md's tour and Example_tour differ at line %d of the tour:\nREADME:  %q\nexample: %q", i+1, r, e)
		}
	}
}

// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"go/ast"
	"go/build"
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"testing"
)

// exampleExcluded lists the exported identifiers that need no runnable
// Example, each with its reason. Keep it small: everything else a user calls
// must have one.
var exampleExcluded = map[string]string{
	"Error.Error":  "the error interface; ExampleError prints an *Error, which calls it",
	"Error.Unwrap": "called by errors.Is, which ExampleError shows",
	"Schedule":     "an interface to implement, not to call; the schedules' Tau examples show it",
}

// TestEveryEntryPointHasExample parses the package with its test files,
// lets go/doc attach the Examples by Go's naming rules (ExampleF, ExampleT,
// ExampleT_M, with a _suffix for more than one), and fails for every
// exported function, type and method of an exported type with no Example
// whose "// Output:" is non-empty. A method of *Generator and the
// package-level function of the same name are one entry point: an Example of
// either covers both. Exported variables (the sentinels) are not entry
// points.
func TestEveryEntryPointHasExample(t *testing.T) {
	bp, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, list := range [][]string{bp.GoFiles, bp.TestGoFiles, bp.XTestGoFiles} {
		for _, name := range list {
			f, err := parser.ParseFile(fset, filepath.Join(bp.Dir, name), nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
	}
	pkg, err := doc.NewFromFiles(fset, files, bp.ImportPath)
	if err != nil {
		t.Fatal(err)
	}

	has := func(exs []*doc.Example) bool {
		for _, ex := range exs {
			if ex.Output != "" {
				return true
			}
		}
		return false
	}
	covered := map[string]bool{} // entry point -> has an Example with Output
	twin := map[string]bool{}    // entry points that are also a Generator method
	add := func(name string, exs []*doc.Example) {
		covered[name] = covered[name] || has(exs)
	}
	for _, f := range pkg.Funcs {
		add(f.Name, f.Examples)
	}
	for _, typ := range pkg.Types {
		add(typ.Name, typ.Examples)
		for _, f := range typ.Funcs { // constructors, listed under their type
			add(f.Name, f.Examples)
		}
		for _, m := range typ.Methods {
			name := typ.Name + "." + m.Name
			if typ.Name == "Generator" {
				// The twin rule: (*Generator).F and the package-level F
				// are one entry point when both exist.
				for _, f := range allFuncs(pkg) {
					if f.Name == m.Name {
						name = m.Name
						twin[name] = true
					}
				}
			}
			add(name, m.Examples)
		}
	}

	for name := range exampleExcluded {
		if _, ok := covered[name]; !ok {
			t.Errorf("exampleExcluded names %s, which is not an exported function, type or method", name)
		}
		delete(covered, name)
	}
	names := make([]string, 0, len(covered))
	n := 0
	for name, ok := range covered {
		names = append(names, name)
		if ok {
			n++
		}
	}
	sort.Strings(names)
	for _, name := range names {
		if covered[name] {
			continue
		}
		want := "Example" + goExampleName(name)
		if twin[name] {
			want += " or ExampleGenerator_" + name
		}
		t.Errorf("%s has no runnable Example with a non-empty // Output: block (name it %s)", name, want)
	}
	t.Logf("%d of %d entry points have an Example (%d excluded)", n, len(names), len(exampleExcluded))
}

// allFuncs returns the package-level functions, those go/doc lists under
// the type they return included.
func allFuncs(pkg *doc.Package) []*doc.Func {
	fs := append([]*doc.Func(nil), pkg.Funcs...)
	for _, typ := range pkg.Types {
		fs = append(fs, typ.Funcs...)
	}
	return fs
}

// goExampleName turns "T.M" into "T_M", the name an Example of it takes.
func goExampleName(name string) string {
	b := []byte(name)
	for i, c := range b {
		if c == '.' {
			b[i] = '_'
		}
	}
	return string(b)
}

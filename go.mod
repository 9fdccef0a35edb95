module github.com/seed06c76d7c/gumbel

go 1.24.0

require (
	golang.org/x/sys v0.36.0
	gonum.org/v1/gonum v0.17.0
)

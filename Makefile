# The two commands of the README: `make demo` and `make test` (both set up and build first).
.PHONY: setup build demo test format

setup:
	bash scripts/setup.sh

build: setup
	bash scripts/build.sh normal

demo: build
	bash scripts/demo.sh

test: setup
	bash scripts/test.sh

format:
	bash scripts/check-format.sh --fix

# Malmoi — build, set up and demo. `make setup && make demo` on a fresh Debian machine.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libicu-dev libxml2-dev unicode-data icu-devtools libxml2-utils jing python3 python3-pip unzip postgresql

.PHONY: setup deps dictionary build release demo test

## Everything a new machine needs: system packages, the mecab-ko-dic dictionary, a build.
setup: deps dictionary build

deps:
	@if command -v apt-get >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	else \
		echo "not a Debian system: install ICU, libxml2, unicode-data, python3, pip and PostgreSQL by hand"; \
	fi

dictionary:
	bash Scripts/install-mecab-ko-dic.sh

build:
	swift build

release:
	swift build -c release

## The main job on the bundled sample corpus.
demo: build
	bash Scripts/demo.sh

test:
	swift test

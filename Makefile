# Malmoi — build, set up and demo. `make setup && make demo` on a fresh Debian machine.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libicu-dev libxml2-dev unicode-data icu-devtools libxml2-utils jing python3 python3-pip unzip postgresql chromium tmux

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

## Install the release binary, shell completions (bash, zsh, fish) and the man page under PREFIX
## (DESTDIR is prepended for staged installs): `make install`, `sudo make install PREFIX=/usr/local`.
## CONFIGURATION=debug installs a debug build (quicker to make, slower to run).
PREFIX ?= /usr/local
CONFIGURATION ?= release
INSTALL_ROOT = $(DESTDIR)$(PREFIX)
RELEASE_BIN = $(shell swift build -c $(CONFIGURATION) --show-bin-path)
MANUAL_DIR := .build/plugins/GenerateManual/outputs/malmoi

.PHONY: install uninstall manual

## The man page, from the argument parser's own description of every command (works offline).
manual:
	swift build -c $(CONFIGURATION) --product malmoi
	swift package plugin generate-manual --configuration $(CONFIGURATION)

install: manual
	install -d "$(INSTALL_ROOT)/bin" "$(INSTALL_ROOT)/share/man/man1" \
		"$(INSTALL_ROOT)/share/bash-completion/completions" "$(INSTALL_ROOT)/share/zsh/site-functions" \
		"$(INSTALL_ROOT)/share/fish/vendor_completions.d"
	install -m 755 "$(RELEASE_BIN)/malmoi" "$(INSTALL_ROOT)/bin/malmoi"
	"$(RELEASE_BIN)/malmoi" --generate-completion-script bash > "$(INSTALL_ROOT)/share/bash-completion/completions/malmoi"
	"$(RELEASE_BIN)/malmoi" --generate-completion-script zsh > "$(INSTALL_ROOT)/share/zsh/site-functions/_malmoi"
	"$(RELEASE_BIN)/malmoi" --generate-completion-script fish > "$(INSTALL_ROOT)/share/fish/vendor_completions.d/malmoi.fish"
	install -m 644 $(MANUAL_DIR)/malmoi.1 "$(INSTALL_ROOT)/share/man/man1/malmoi.1"
	@echo "installed malmoi, its completions and man page under $(INSTALL_ROOT)"

uninstall:
	rm -f "$(INSTALL_ROOT)/bin/malmoi" "$(INSTALL_ROOT)/share/bash-completion/completions/malmoi" \
		"$(INSTALL_ROOT)/share/zsh/site-functions/_malmoi" "$(INSTALL_ROOT)/share/fish/vendor_completions.d/malmoi.fish"
	rm -f "$(INSTALL_ROOT)/share/man/man1/malmoi.1"
	@echo "removed malmoi, its completions and man page from $(INSTALL_ROOT)"

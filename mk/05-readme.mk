# README code blocks are included from the files the tests run
# (scripts/readme-snippets.py): this checks that they have not drifted.
TEST_TARGETS += test-readme

.PHONY: test-readme readme-snippets

test-readme: ## README code blocks equal the files they include (readme-snippets.py --check, and its self-test)
	python3 scripts/readme-snippets.py --self-test
	python3 scripts/readme-snippets.py --check

readme-snippets: ## Include the snippet files again into every Markdown file that marks them
	python3 scripts/readme-snippets.py

# Unit tests: one binary per tests/unit/*_test.c
unit-tests += $(patsubst $(S)/%,%,$(wildcard $(S)/tests/unit/*_test.c))

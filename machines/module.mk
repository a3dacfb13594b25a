# machines/: boards and the command line (main.c is the program entry)
mosaic-srcs += $(patsubst $(S)/%,%,$(filter-out $(S)/machines/main.c,\
                 $(wildcard $(S)/machines/*.c)))
main-srcs += machines/main.c

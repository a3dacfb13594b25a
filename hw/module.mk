# hw/: memory map, logging, char backends and devices (every .c below)
mosaic-srcs += $(patsubst $(S)/%,%,$(wildcard $(S)/hw/*/*.c))

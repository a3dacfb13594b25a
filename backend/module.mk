# backend/: the x86-64 JIT and the portable interpreter
mosaic-srcs += $(patsubst $(S)/%,%,$(wildcard $(S)/backend/*/*.c))

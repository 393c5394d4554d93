build-asan/native/obj/vm/builtins.o: vm/builtins.c vm/builtins.h \
 vm/value.h vm/common.h mc_config.h native/mc_port_config.h \
 build-asan/generated/mc_abi.h build-asan/generated/mc_bytecode.h \
 build-asan/generated/mc_builtins.h vm/dict.h vm/exc.h \
 build-asan/generated/mc_exceptions.h vm/gc.h vm/opcodes.h \
 build-asan/generated/mc_opcodes.h vm/seq.h vm/out.h vm/num.h vm/ops.h \
 vm/port.h vm/str.h
vm/builtins.h:
vm/value.h:
vm/common.h:
mc_config.h:
native/mc_port_config.h:
build-asan/generated/mc_abi.h:
build-asan/generated/mc_bytecode.h:
build-asan/generated/mc_builtins.h:
vm/dict.h:
vm/exc.h:
build-asan/generated/mc_exceptions.h:
vm/gc.h:
vm/opcodes.h:
build-asan/generated/mc_opcodes.h:
vm/seq.h:
vm/out.h:
vm/num.h:
vm/ops.h:
vm/port.h:
vm/str.h:

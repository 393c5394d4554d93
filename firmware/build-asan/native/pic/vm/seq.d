build-asan/native/pic/vm/seq.o: vm/seq.c vm/dict.h vm/value.h vm/common.h \
 mc_config.h native/mc_port_config.h build-asan/generated/mc_abi.h \
 build-asan/generated/mc_bytecode.h vm/exc.h \
 build-asan/generated/mc_exceptions.h vm/gc.h vm/opcodes.h \
 build-asan/generated/mc_opcodes.h vm/ops.h vm/seq.h vm/str.h vm/out.h
vm/dict.h:
vm/value.h:
vm/common.h:
mc_config.h:
native/mc_port_config.h:
build-asan/generated/mc_abi.h:
build-asan/generated/mc_bytecode.h:
vm/exc.h:
build-asan/generated/mc_exceptions.h:
vm/gc.h:
vm/opcodes.h:
build-asan/generated/mc_opcodes.h:
vm/ops.h:
vm/seq.h:
vm/str.h:
vm/out.h:

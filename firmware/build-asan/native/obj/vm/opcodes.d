build-asan/native/obj/vm/opcodes.o: vm/opcodes.c vm/opcodes.h vm/common.h \
 mc_config.h native/mc_port_config.h build-asan/generated/mc_abi.h \
 build-asan/generated/mc_bytecode.h build-asan/generated/mc_opcodes.h
vm/opcodes.h:
vm/common.h:
mc_config.h:
native/mc_port_config.h:
build-asan/generated/mc_abi.h:
build-asan/generated/mc_bytecode.h:
build-asan/generated/mc_opcodes.h:

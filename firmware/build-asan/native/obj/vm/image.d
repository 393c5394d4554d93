build-asan/native/obj/vm/image.o: vm/image.c vm/builtins.h vm/value.h \
 vm/common.h mc_config.h native/mc_port_config.h \
 build-asan/generated/mc_abi.h build-asan/generated/mc_bytecode.h \
 build-asan/generated/mc_builtins.h vm/out.h vm/image.h vm/opcodes.h \
 build-asan/generated/mc_opcodes.h
vm/builtins.h:
vm/value.h:
vm/common.h:
mc_config.h:
native/mc_port_config.h:
build-asan/generated/mc_abi.h:
build-asan/generated/mc_bytecode.h:
build-asan/generated/mc_builtins.h:
vm/out.h:
vm/image.h:
vm/opcodes.h:
build-asan/generated/mc_opcodes.h:

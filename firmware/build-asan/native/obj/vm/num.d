build-asan/native/obj/vm/num.o: vm/num.c vm/exc.h vm/value.h vm/common.h \
 mc_config.h native/mc_port_config.h build-asan/generated/mc_abi.h \
 build-asan/generated/mc_bytecode.h build-asan/generated/mc_exceptions.h \
 vm/num.h vm/opcodes.h build-asan/generated/mc_opcodes.h vm/ops.h
vm/exc.h:
vm/value.h:
vm/common.h:
mc_config.h:
native/mc_port_config.h:
build-asan/generated/mc_abi.h:
build-asan/generated/mc_bytecode.h:
build-asan/generated/mc_exceptions.h:
vm/num.h:
vm/opcodes.h:
build-asan/generated/mc_opcodes.h:
vm/ops.h:

build-asan/native/obj/vm/exc.o: vm/exc.c vm/exc.h vm/value.h vm/common.h \
 mc_config.h native/mc_port_config.h build-asan/generated/mc_abi.h \
 build-asan/generated/mc_bytecode.h build-asan/generated/mc_exceptions.h \
 vm/out.h
vm/exc.h:
vm/value.h:
vm/common.h:
mc_config.h:
native/mc_port_config.h:
build-asan/generated/mc_abi.h:
build-asan/generated/mc_bytecode.h:
build-asan/generated/mc_exceptions.h:
vm/out.h:

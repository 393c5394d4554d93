build-asan/native/obj/native/port_native.o: native/port_native.c \
 vm/port.h vm/common.h mc_config.h native/mc_port_config.h \
 build-asan/generated/mc_abi.h build-asan/generated/mc_bytecode.h \
 native/port_native.h native/mcvm.h vm/common.h
vm/port.h:
vm/common.h:
mc_config.h:
native/mc_port_config.h:
build-asan/generated/mc_abi.h:
build-asan/generated/mc_bytecode.h:
native/port_native.h:
native/mcvm.h:
vm/common.h:

build-asan/native/obj/native/mcvm.o: native/mcvm.c vm/image.h vm/common.h \
 mc_config.h native/mc_port_config.h build-asan/generated/mc_abi.h \
 build-asan/generated/mc_bytecode.h native/port_native.h native/mcvm.h \
 vm/common.h vm/vm.h vm/image.h vm/value.h
vm/image.h:
vm/common.h:
mc_config.h:
native/mc_port_config.h:
build-asan/generated/mc_abi.h:
build-asan/generated/mc_bytecode.h:
native/port_native.h:
native/mcvm.h:
vm/common.h:
vm/vm.h:
vm/image.h:
vm/value.h:

build-asan/native/obj/vm/gc.o: vm/gc.c vm/dict.h vm/value.h vm/common.h \
 mc_config.h native/mc_port_config.h build-asan/generated/mc_abi.h \
 build-asan/generated/mc_bytecode.h vm/exc.h \
 build-asan/generated/mc_exceptions.h vm/gc.h vm/seq.h vm/port.h vm/vm.h \
 vm/image.h
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
vm/seq.h:
vm/port.h:
vm/vm.h:
vm/image.h:

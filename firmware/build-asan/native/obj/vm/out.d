build-asan/native/obj/vm/out.o: vm/out.c vm/builtins.h vm/value.h \
 vm/common.h mc_config.h native/mc_port_config.h \
 build-asan/generated/mc_abi.h build-asan/generated/mc_bytecode.h \
 build-asan/generated/mc_builtins.h vm/dict.h vm/func.h vm/image.h \
 vm/exc.h build-asan/generated/mc_exceptions.h vm/gc.h vm/out.h vm/seq.h \
 vm/port.h vm/str.h vm/vm.h
vm/builtins.h:
vm/value.h:
vm/common.h:
mc_config.h:
native/mc_port_config.h:
build-asan/generated/mc_abi.h:
build-asan/generated/mc_bytecode.h:
build-asan/generated/mc_builtins.h:
vm/dict.h:
vm/func.h:
vm/image.h:
vm/exc.h:
build-asan/generated/mc_exceptions.h:
vm/gc.h:
vm/out.h:
vm/seq.h:
vm/port.h:
vm/str.h:
vm/vm.h:

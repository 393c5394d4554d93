build-asan/native/obj/native/main.o: native/main.c \
 build-asan/generated/mc_abi.h native/mcvm.h
build-asan/generated/mc_abi.h:
native/mcvm.h:

# Read and write the C shadow stack pointer (the __stack_pointer global) for
# coro_asyncify.c: each task runs on a shadow stack of its own.
	.globaltype __stack_pointer, i32

	.globl wasio__get_sp
	.type wasio__get_sp,@function
wasio__get_sp:
	.functype wasio__get_sp () -> (i32)
	global.get __stack_pointer
	end_function

	.globl wasio__set_sp
	.type wasio__set_sp,@function
wasio__set_sp:
	.functype wasio__set_sp (i32) -> ()
	local.get 0
	global.set __stack_pointer
	end_function

// A minimal loadable module: enough for modinfo to show the vermagic of the headers it was built against.
#include <linux/init.h>
#include <linux/module.h>

static int __init falco_hello_init(void) { return 0; }
static void __exit falco_hello_exit(void) {}

module_init(falco_hello_init);
module_exit(falco_hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("falco-publish test driver");

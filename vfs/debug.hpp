// Routes the module's DBG_* messages to its own debug class "scannedonly".
#pragma once

#include "samba.hpp"

extern int scannedonly_debug_class;

#undef DBGC_CLASS
#define DBGC_CLASS scannedonly_debug_class

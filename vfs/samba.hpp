// The one place that includes Samba's headers into C++.
//
// Samba's headers are C: they need extern "C", and replace.h plus the SMB
// constants and credentials headers must come before includes.h or g++ stops
// at an enum forward declaration in source3/param/loadparm.h.
#pragma once

extern "C" {
#include "replace.h"
#include "libcli/smb/smb_constants.h"
#include "auth/credentials/credentials.h"
#include "includes.h"
#include "smbd/smbd.h"
#include "system/filesys.h"
#include "lib/util/tevent_unix.h"
}

// replace.h defines true and false as (1) and (0), which breaks C++ library
// templates such as std::optional's operator<=>; in C++ they are keywords.
#undef true
#undef false

// Output that never leaves a half-written file: content goes to a temporary
// file beside the destination, flushed to disk, then renamed over it. On any
// failure the destination is untouched and the temporary removed.
#pragma once

#include <string>
#include <string_view>

namespace negsim {

// Writes `data` to `path` atomically, keeping an existing file's permissions.
// Throws InputError (exit 1) naming the path when the folder is not writable
// or the write fails.
void write_file_atomically(const std::string& path, std::string_view data);

}  // namespace negsim

// Output that never leaves a half-written file: content goes to a temporary
// file in the destination's folder, which is renamed over the destination
// only once fully written and flushed.
#pragma once

#include <string>
#include <string_view>

namespace negsim {

// Writes `content` to `path` atomically. Throws InputError (exit 1) when the
// folder cannot be written; the destination is untouched on failure.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace negsim

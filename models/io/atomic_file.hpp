// Output that never leaves a half-written file: content goes to a temporary
// file beside the destination, flushed to disk, then renamed over it. On any
// failure the destination is untouched and the temporary removed.
//
// What an output path may name (the same for every command, `sweep` included;
// docs/cli.md, "Output files"):
//  - a missing file or a regular file: written atomically as above (the
//    existing file's permissions are kept);
//  - a symbolic link: followed; the file it points to is replaced (through
//    the link's target folder), the link stays a link. A dangling link or a
//    loop is refused;
//  - a regular file with several hard links: refused, because the rename
//    would give only this name the new content and leave the other names
//    with the old one;
//  - a character device (/dev/null, /dev/stdout on a terminal) or a FIFO:
//    written through, in place; never replaced (as root, a rename would
//    swap /dev/null for a regular file);
//  - a folder, block device or socket: refused.
// Temporaries are named DEST.tmp.PID.XXXXXX; one left behind by a writer that
// was killed (its PID no longer runs) is removed by the next write to DEST.
// Refusals are InputError (exit 1) naming the path, with a hint.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace negsim {

// Writes `data` to `path` atomically, keeping an existing file's permissions.
// Throws InputError (exit 1) naming the path when the folder is not writable
// or the write fails.
void write_file_atomically(const std::string& path, std::string_view data);

// Where an output path leads after following symbolic links, and what it is.
struct OutputTarget {
  enum class Kind { Missing, Regular, Stream };  // Stream: character device or FIFO
  std::string path;  // symbolic links resolved (the path itself when there is none)
  Kind kind = Kind::Missing;
};
// The target of `path`, or InputError for what negsim does not write (above).
OutputTarget resolve_output_target(const std::string& path);

// True if `a` and `b` name the same existing file (same device and inode).
bool same_existing_file(const std::string& a, const std::string& b);

// UsageError (exit 2) if `output` is one of `inputs` (reading a scenario and
// replacing it with a report loses the scenario).
void refuse_output_onto_input(const std::string& output, const std::string& option,
                              const std::vector<std::string>& inputs);

// Removes DEST.tmp.PID.XXXXXX files next to `path` whose PID no longer runs.
void remove_stale_temporaries(const std::string& path);

// An exclusive lock (flock) on an output file that is written in place over
// a long time (a sweep), so that two writers cannot interleave. The file is
// created empty if missing; when the lock goes away and the file is still
// empty, a file it created is removed again. Character devices and FIFOs are
// not locked. InputError if another process holds the lock.
class OutputLock {
 public:
  explicit OutputLock(const std::string& path);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  // Size of the file when the lock was taken (0 for a new file or a stream).
  long long existing_size() const { return existing_size_; }
  // The writer succeeded: keep the file even if it is empty.
  void keep() { created_ = false; }

 private:
  std::string path_;
  int fd_ = -1;
  bool created_ = false;
  long long existing_size_ = 0;
};

}  // namespace negsim

#include "models/io/atomic_file.hpp"

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "models/errors.hpp"

namespace negsim {

namespace {

std::string errno_text(int error) { return std::strerror(error); }

// Writes all of `data` to fd, or returns the errno of the failure.
int write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
}

std::string name_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Writes through a character device or FIFO, in place.
void write_through(const std::string& shown, const std::string& path, std::string_view data) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  int error = fd < 0 ? errno : write_all(fd, data);
  if (fd >= 0 && ::close(fd) != 0 && !error) error = errno;
  if (error) throw InputError(shown, 0, 0, "cannot write: " + errno_text(error), "check the device or pipe");
}

}  // namespace

OutputTarget resolve_output_target(const std::string& path) {
  OutputTarget target;
  target.path = path;
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return target;  // a new file (a missing folder fails when writing)
    const int error = errno;
    throw InputError(path, 0, 0, "cannot write file: " + errno_text(error), "check the path");
  }
  if (S_ISLNK(info.st_mode)) {
    char resolved[PATH_MAX];
    if (!::realpath(path.c_str(), resolved)) {
      const int error = errno;
      throw InputError(path, 0, 0,
                       "the output is a symbolic link that leads nowhere (" + errno_text(error) + ")",
                       "negsim writes the file a link points to; create it first, or write to another path");
    }
    target.path = resolved;
    if (::stat(target.path.c_str(), &info) != 0) return target;
  }
  if (S_ISREG(info.st_mode)) {
    if (info.st_nlink > 1)
      throw InputError(path, 0, 0,
                       "the output file has " + std::to_string(info.st_nlink) +
                           " hard links; replacing it would change only this name",
                       "write to a new file, or remove the other links first");
    target.kind = OutputTarget::Kind::Regular;
    return target;
  }
  if (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode)) {
    target.kind = OutputTarget::Kind::Stream;
    return target;
  }
  const char* what = S_ISDIR(info.st_mode) ? "a folder" : S_ISBLK(info.st_mode) ? "a block device" : "a socket";
  throw InputError(path, 0, 0, std::string("cannot write file: the output is ") + what,
                   "negsim writes regular files, character devices (/dev/null, a terminal) and FIFOs");
}

bool same_existing_file(const std::string& a, const std::string& b) {
  struct stat x {}, y {};
  if (::stat(a.c_str(), &x) != 0 || ::stat(b.c_str(), &y) != 0) return false;
  return x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

void refuse_output_onto_input(const std::string& output, const std::string& option,
                              const std::vector<std::string>& inputs) {
  if (output.empty() || output == "-") return;
  for (const std::string& input : inputs) {
    if (input.empty()) continue;
    if (input == output || same_existing_file(output, input))
      throw UsageError(option + " " + output + " is the input file " + input +
                       "; refusing to replace the input with the output (write to another file)");
  }
}

void remove_stale_temporaries(const std::string& path) {
  const std::string prefix = name_of(path) + ".tmp.";
  DIR* folder = ::opendir(folder_of(path).c_str());
  if (!folder) return;
  std::vector<std::string> stale;
  while (const dirent* entry = ::readdir(folder)) {
    const std::string name = entry->d_name;
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    // DEST.tmp.PID.XXXXXX: remove it only if PID no longer runs.
    const std::size_t dot = name.find('.', prefix.size());
    if (dot == std::string::npos || dot == prefix.size() || name.size() != dot + 7) continue;
    const std::string pid_text = name.substr(prefix.size(), dot - prefix.size());
    if (pid_text.find_first_not_of("0123456789") != std::string::npos || pid_text.size() > 9) continue;
    const long pid = std::strtol(pid_text.c_str(), nullptr, 10);
    if (pid <= 0) continue;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) stale.push_back(name);
  }
  ::closedir(folder);
  for (const std::string& name : stale) ::unlink((folder_of(path) + "/" + name).c_str());
}

void write_file_atomically(const std::string& shown_path, std::string_view data) {
  const OutputTarget target = resolve_output_target(shown_path);
  if (target.kind == OutputTarget::Kind::Stream) {
    write_through(shown_path, target.path, data);
    return;
  }
  const std::string& path = target.path;
  const std::string folder = folder_of(path);
  remove_stale_temporaries(path);
  std::string temp = path + ".tmp." + std::to_string(::getpid()) + ".XXXXXX";
  std::vector<char> temp_name(temp.begin(), temp.end());
  temp_name.push_back('\0');
  const int fd = ::mkstemp(temp_name.data());
  if (fd < 0) {
    const int error = errno;
    throw InputError(shown_path, 0, 0, "cannot write file: " + errno_text(error),
                     "check that the folder '" + folder + "' exists and is writable");
  }
  temp.assign(temp_name.data());
  struct stat existing {};
  const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : 0644;
  int error = write_all(fd, data);
  if (!error && ::fchmod(fd, mode) != 0) error = errno;
  if (!error && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && !error) error = errno;
  if (!error && ::rename(temp.c_str(), path.c_str()) != 0) error = errno;
  if (error) {
    ::unlink(temp.c_str());
    throw InputError(shown_path, 0, 0, "cannot write file: " + errno_text(error),
                     "nothing was written; check free space and permissions of '" + folder + "'");
  }
  // The rename is durable once the folder is synced (best effort).
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

OutputLock::OutputLock(const std::string& path) : path_(path) {
  const OutputTarget target = resolve_output_target(path);
  if (target.kind == OutputTarget::Kind::Stream) return;
  path_ = target.path;
  if (target.kind == OutputTarget::Kind::Missing) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ >= 0) {
      created_ = true;
    } else if (errno != EEXIST) {
      const int error = errno;
      throw InputError(path, 0, 0, "cannot create file: " + errno_text(error),
                       "check that the folder '" + folder_of(path_) + "' exists and is writable");
    }
  }
  if (fd_ < 0) fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    const int error = errno;
    throw InputError(path, 0, 0, "cannot open file: " + errno_text(error), "check its permissions");
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK)
      throw InputError(path, 0, 0, "another negsim process is writing this file",
                       "wait for it to finish, or write to another file");
    throw InputError(path, 0, 0, "cannot lock file: " + errno_text(error));
  }
  struct stat info {};
  if (!created_ && ::fstat(fd_, &info) == 0) existing_size_ = static_cast<long long>(info.st_size);
}

OutputLock::~OutputLock() {
  if (fd_ < 0) return;
  struct stat info {};
  if (created_ && ::fstat(fd_, &info) == 0 && info.st_size == 0) ::unlink(path_.c_str());
  ::close(fd_);  // releases the lock
}

}  // namespace negsim

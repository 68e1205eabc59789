#include "sim/report/output_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include "models/errors.hpp"

namespace negsim {

void write_file_atomically(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temp = (folder / ("." + target.filename().string() + ".tmpXXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0)
    throw InputError(path, 0, 0, std::string("cannot write output: ") + std::strerror(errno),
                     "check that the folder exists and is writable");
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      throw InputError(path, 0, 0, std::string("cannot write output: ") + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    throw InputError(path, 0, 0, std::string("cannot write output: ") + std::strerror(err));
  }
  ::chmod(temp.c_str(), 0644);
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    throw InputError(path, 0, 0, std::string("cannot write output: ") + std::strerror(err));
  }
}

}  // namespace negsim

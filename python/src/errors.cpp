#include "errors.hpp"

#include <new>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "models/errors.hpp"
#include "sim/repeated/abreu_sannikov.hpp"

namespace negsim::python {

namespace py = pybind11;

namespace {

py::object error_class(const char* name) { return py::module_::import("negsim.errors").attr(name); }

void set_error(py::object instance) {
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(instance.ptr())), instance.ptr());
}

}  // namespace

void raise_limit_with_result(const std::string& message, py::object result) {
  py::object error = error_class("LimitError")(message);
  error.attr("result") = result;
  set_error(error);
  throw py::error_already_set();
}

void register_error_translators() {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      set_error(error_class("InputError")(e.what(), py::arg("file") = e.file(), py::arg("line") = e.line(),
                                          py::arg("column") = e.column(), py::arg("message") = e.message(),
                                          py::arg("hint") = e.hint()));
    } catch (const UsageError& e) {
      set_error(error_class("UsageError")(e.what()));
    } catch (const LimitError& e) {
      set_error(error_class("LimitError")(e.what()));
    } catch (const NoPureSpeError& e) {
      set_error(error_class("InputError")(e.what()));
    } catch (const std::bad_alloc&) {
      set_error(error_class("LimitError")("out of memory (lower max_profiles or the game size)"));
    } catch (const std::invalid_argument& e) {
      set_error(error_class("InputError")(e.what()));
    } catch (const nlohmann::json::type_error& e) {
      if (e.id == 316)
        set_error(error_class("InputError")(
            std::string("the JSON output would contain text that is not UTF-8 (") + e.what() + ")"));
      else
        set_error(error_class("InternalError")(e.what()));
    }
  });
}

}  // namespace negsim::python

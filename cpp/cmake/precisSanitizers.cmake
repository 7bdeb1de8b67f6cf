# precis_set_sanitizers(target): AddressSanitizer + UndefinedBehaviorSanitizer on one target when
# PRECIS_SANITIZE is ON (clang or GCC), applied per target, never globally. Any report is fatal
# (-fno-sanitize-recover=all), and the bounds assertions of Eigen (eigen_assert, off under NDEBUG)
# and of libstdc++ (operator[], front(), back() of the standard containers) are on whatever the
# build type. libstdc++ also marks the spare capacity of a std::vector as poisoned, so ASan sees a
# read past size() through data() or an iterator even where capacity() is larger. The library
# carries the runtime to its executables through its build interface.
function(precis_set_sanitizers target)
  if(NOT PRECIS_SANITIZE)
    return()
  endif()
  set(sanitizers address,undefined)
  target_compile_options(${target} PRIVATE -fsanitize=${sanitizers} -fno-sanitize-recover=all
                                           -fno-omit-frame-pointer -UNDEBUG -D_GLIBCXX_ASSERTIONS
                                           -D_GLIBCXX_SANITIZE_VECTOR)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "STATIC_LIBRARY")
    target_link_options(${target} INTERFACE $<BUILD_INTERFACE:-fsanitize=${sanitizers}>)
  else()
    target_link_options(${target} PRIVATE -fsanitize=${sanitizers})
  endif()
endfunction()

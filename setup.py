"""The compiled walk (cleaner/html/_cwalk.pyx) is built when Cython and a C compiler are there; without them the
package installs all the same and runs the Python walk (cleaner/html/cwalk.py)."""

from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # no Cython: the Python walk
    extensions = []
else:
    extensions = cythonize(
        [Extension("cleaner.html._cwalk", ["cleaner/html/_cwalk.pyx"], optional=True)],
        compiler_directives={"language_level": "3"}, quiet=True,
    )

setup(ext_modules=extensions)

# Riffle's pyflink: PyFlink's DataStream names (1.20 and 2.x) backed by Riffle's engine, so a PyFlink job runs in
# Riffle offline. Only what API.md section 1b lists is here; everything else raises a clear error when used.

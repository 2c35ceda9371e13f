// The one file that registers every Shoal package: htypes, codecs and storage schemes.
import '@shoal/htype-image/register'
import '@shoal/htype-geometry/register'
import '@shoal/htype-media/register'
import '@shoal/storage-s3/register'
import '@shoal/storage-gcs/register'

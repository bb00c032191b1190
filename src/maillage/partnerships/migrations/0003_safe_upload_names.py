import maillage.core.uploads
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0002_commitments_in_the_trash"),
    ]

    operations = [
        migrations.AlterField(
            model_name="agreementfile",
            name="file",
            field=maillage.core.uploads.StoredFileField(
                upload_to=maillage.core.uploads.UploadTo("partnerships/files/%Y/%m/"),
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="amendment",
            name="file",
            field=maillage.core.uploads.StoredFileField(
                blank=True,
                upload_to=maillage.core.uploads.UploadTo("partnerships/amendments/%Y/"),
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="commitment",
            name="evidence_file",
            field=maillage.core.uploads.StoredFileField(
                blank=True,
                upload_to=maillage.core.uploads.UploadTo("partnerships/evidence/%Y/%m/"),
                verbose_name="evidence file",
            ),
        ),
        migrations.AlterField(
            model_name="councildecision",
            name="file",
            field=maillage.core.uploads.StoredFileField(
                blank=True,
                upload_to=maillage.core.uploads.UploadTo("partnerships/decisions/%Y/"),
                verbose_name="file",
            ),
        ),
    ]

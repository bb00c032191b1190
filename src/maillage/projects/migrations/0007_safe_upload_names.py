import maillage.core.uploads
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0006_rules_said_once"),
    ]

    operations = [
        migrations.AlterField(
            model_name="updateattachment",
            name="file",
            field=maillage.core.uploads.StoredFileField(
                upload_to=maillage.core.uploads.UploadTo("updates/%Y/%m/"), verbose_name="file"
            ),
        ),
    ]
